package dev.orderflow.auth.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client_credentials request without {@code scope} gets every scope the client is registered with, the
 * pre-defined default RFC 6749 (section 3.3) allows; Spring Authorization Server alone would grant none, and a
 * token without scopes is refused on every protected route. A request that names scopes gets those, or
 * {@code invalid_scope} when the client does not have one of them.
 */
final class AllScopesByDefault implements AuthenticationConverter {

    private final OAuth2ClientCredentialsAuthenticationConverter delegate =
            new OAuth2ClientCredentialsAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
                && grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientAuthentication) {
            RegisteredClient client = clientAuthentication.getRegisteredClient();
            if (client != null) {
                return new OAuth2ClientCredentialsAuthenticationToken(clientAuthentication, client.getScopes(),
                        grant.getAdditionalParameters());
            }
        }
        return converted;
    }
}
