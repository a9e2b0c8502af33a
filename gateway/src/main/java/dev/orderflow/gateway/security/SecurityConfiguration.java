package dev.orderflow.gateway.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway as an OAuth2 resource server: every {@code /api/**} request but the public reads of the inventory
 * needs a JWT from the auth server, checked here for its RS256 signature (the auth server's JWK set), expiry,
 * issuer and the scope its route needs ({@link ScopeRules}). Stateless: no session, no cookie, no CSRF token (a
 * bearer token is not sent by a browser on its own, so cross-site requests cannot use it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AuthProperties properties,
            @Value("${orderflow.gateway.fail-fast.retry-after:10s}") Duration retryAfter) {
        BearerTokenProblems problems = new BearerTokenProblems(retryAfter);
        return http
                .authorizeExchange(ScopeRules::apply)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(withDefaults())
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .cors(cors -> cors.configurationSource(corsConfigurationSource(properties.corsAllowedOrigins())))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Written by SecurityHeadersFilter on every answer, including those made before this chain runs.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .build();
    }

    /**
     * Keys from the JWK set URI, fetched when first needed and again when a token names a key not seen yet (the
     * auth server made a new one at its restart). Only RS256 is accepted, so neither {@code alg: none} nor an
     * HMAC token "signed" with the public key passes; the default validators check {@code exp} and {@code nbf}
     * (60 s of clock skew), plus the issuer.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(AuthProperties properties) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksTimeout().toMillis())
                .responseTimeout(properties.jwksTimeout());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
                .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build())
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer().toString()));
        return decoder;
    }

    /**
     * Browser pages from the allowed origins may call the API with a token; a preflight is answered here and never
     * forwarded. With no origin allowed (the default), cross-origin calls are refused: the console is served
     * through the gateway, from its own origin.
     */
    private static CorsConfigurationSource corsConfigurationSource(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "traceparent"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate", "X-RateLimit-Remaining"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
