package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The page's own Content-Security-Policy: only its own scripts, styles and streams, plus the auth server's token
 * endpoint, which sign-in calls from the page. The gateway keeps a policy a service sets and adds its stricter
 * default otherwise, which would refuse that call.
 */
@Component
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

    private final String policy;

    ContentSecurityPolicyFilter(ConsoleProperties properties) {
        URI token = URI.create(properties.auth().tokenEndpointOrDefault());
        String tokenOrigin = token.getScheme() + "://" + token.getAuthority();
        this.policy = "default-src 'self'; connect-src 'self' " + tokenOrigin + "; img-src 'self' data:; "
                + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        chain.doFilter(request, response);
    }
}
