package org.loftmail.auth;

import org.loftmail.core.auth.AuthRequest;
import org.loftmail.core.auth.AuthResult;
import org.loftmail.core.auth.Authenticator;
import org.loftmail.core.auth.CredentialLookup;
import org.loftmail.core.auth.CredentialResult;

/**
 * A single passwd-file as the whole of authentication: {@link AuthChain} over one
 * {@link PasswdFilePassdb}, for tools and tests that need no configuration.
 */
public final class PasswdFileAuthenticator implements Authenticator, CredentialLookup {
    private final AuthChain chain;

    public PasswdFileAuthenticator(PasswdFile file) {
        this.chain = AuthChain.of("passwd-file", new PasswdFilePassdb(file));
    }

    @Override
    public AuthResult authenticate(AuthRequest request) {
        return chain.authenticate(request);
    }

    @Override
    public CredentialResult lookup(String user, String scheme) {
        return chain.lookup(user, scheme);
    }
}
