package dev.orderflow.order.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admission control for the API; the actuator stays outside it, so health checks answer under overload. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final AdmissionControl admissionControl;

    WebConfiguration(AdmissionControl admissionControl) {
        this.admissionControl = admissionControl;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(admissionControl).addPathPatterns("/api/**");
    }
}
