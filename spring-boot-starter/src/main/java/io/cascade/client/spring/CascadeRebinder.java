package io.cascade.client.spring;

import io.cascade.client.CascadeClient;
import io.cascade.client.CascadeListener;
import io.cascade.client.ConfigChange;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * Rebinds the application's {@code @ConfigurationProperties} beans when a revision changes the
 * config under their prefix: no restart, no refresh endpoint. Beans bound through setters are
 * updated in place; beans bound through their constructor (records) cannot be, and keep the values
 * they were built with (inject {@link CascadeClient#view} instead for those).
 */
public final class CascadeRebinder implements SmartInitializingSingleton, ApplicationContextAware {

    private final CascadeClient client;
    private ApplicationContext context;

    public CascadeRebinder(CascadeClient client) {
        this.client = client;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        client.onChange(new CascadeListener() {
            @Override
            public void onChange(ConfigChange change) {
                rebind(change);
            }
        });
    }

    void rebind(ConfigChange change) {
        if (change.configChanges().isEmpty()) {
            return;
        }
        Map<String, ConfigurationPropertiesBean> beans = ConfigurationPropertiesBean.getAll(context);
        for (Map.Entry<String, ConfigurationPropertiesBean> entry : beans.entrySet()) {
            ConfigurationPropertiesBean bean = entry.getValue();
            String prefix = bean.getAnnotation().prefix();
            if (bean.asBindTarget().getBindMethod() != null
                    && bean.asBindTarget().getBindMethod().name().equals("VALUE_OBJECT")) {
                continue;
            }
            if (prefix.isEmpty() || change.changed("/" + prefix.replace('.', '/'))) {
                context.getAutowireCapableBeanFactory().initializeBean(bean.getInstance(), entry.getKey());
            }
        }
    }
}
