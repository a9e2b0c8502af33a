package dev.orderflow.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.result.view.ViewResolver;

@Configuration(proxyBeanMethods = false)
class ProblemDetailConfiguration {

    /**
     * Registered the way Boot registers its own handler (same order, same codecs), which then backs off:
     * Boot's error auto-configuration only applies when no {@code ErrorWebExceptionHandler} bean exists.
     */
    @Bean
    @Order(-1)
    ProblemDetailErrorWebExceptionHandler problemDetailErrorWebExceptionHandler(ErrorAttributes errorAttributes,
            WebProperties webProperties, ObjectProvider<ViewResolver> viewResolvers,
            ServerCodecConfigurer serverCodecConfigurer, ApplicationContext applicationContext) {
        var handler = new ProblemDetailErrorWebExceptionHandler(errorAttributes, webProperties.getResources(),
                applicationContext);
        handler.setViewResolvers(viewResolvers.orderedStream().toList());
        handler.setMessageWriters(serverCodecConfigurer.getWriters());
        handler.setMessageReaders(serverCodecConfigurer.getReaders());
        return handler;
    }
}
