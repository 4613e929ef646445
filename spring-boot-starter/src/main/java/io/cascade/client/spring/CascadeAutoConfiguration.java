package io.cascade.client.spring;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.cascade.client.CascadeClient;
import io.cascade.client.openfeature.CascadeProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The client, the rebinder, an OpenFeature client and a health indicator, when {@code
 * cascade.namespace} is set. The client is the one {@link CascadeEnvironmentPostProcessor} started.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "cascade", name = "namespace")
public class CascadeAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CascadeClient cascadeClient(ConfigurableEnvironment environment) {
        PropertySource<?> source = environment.getPropertySources().get(CascadePropertySource.NAME);
        if (source instanceof CascadePropertySource cascade) {
            return cascade.getSource();
        }
        CascadeProperties properties =
                Binder.get(environment).bind("cascade", CascadeProperties.class).orElseGet(CascadeProperties::new);
        return CascadeClients.start(properties);
    }

    @Bean
    static CascadeRebinder cascadeRebinder(org.springframework.beans.factory.ObjectProvider<CascadeClient> client) {
        return new CascadeRebinder(client.getObject());
    }

    @Bean
    @ConditionalOnMissingBean
    Client openFeatureClient(CascadeClient client) {
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait(new CascadeProvider(client));
        return api.getClient();
    }

    /** Only where the application has Spring Boot's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean
        CascadeHealthIndicator cascadeHealthIndicator(CascadeClient client) {
            return new CascadeHealthIndicator(client);
        }
    }
}
