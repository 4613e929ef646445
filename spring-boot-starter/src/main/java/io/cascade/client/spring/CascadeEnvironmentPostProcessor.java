package io.cascade.client.spring;

import io.cascade.client.CascadeClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts the client before the application context exists, so the resolved config is a property
 * source for everything that binds properties, {@code @ConfigurationProperties} and {@code @Value}
 * alike. Does nothing without {@code cascade.namespace}. The property source ranks below command-line
 * arguments, system properties and environment variables, and above the application's own files.
 *
 * <p>Registered under the {@code org.springframework.boot.env.EnvironmentPostProcessor} key, which
 * Spring Boot 3 reads and Spring Boot 4 still reads.
 */
@SuppressWarnings("deprecation")
public final class CascadeEnvironmentPostProcessor implements org.springframework.boot.env.EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        if (!environment.containsProperty("cascade.endpoints")
                && !environment.containsProperty("cascade.endpoints[0]")) {
            return;
        }
        if (sources.contains(CascadePropertySource.NAME)) {
            return;
        }
        CascadeProperties properties =
                Binder.get(environment).bind("cascade", CascadeProperties.class).orElseGet(CascadeProperties::new);
        CascadeClient client = CascadeClients.start(properties);
        CascadePropertySource source = new CascadePropertySource(client);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }
}
