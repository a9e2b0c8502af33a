package dev.orderflow.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * orderflow's OAuth 2.1 authorization server: issues the signed JWTs the gateway checks on every {@code /api/**}
 * request. The clients, their scopes and secrets are in {@code application.yml} (Spring Boot's
 * {@code spring.security.oauth2.authorizationserver.client.*}); there is no database.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
