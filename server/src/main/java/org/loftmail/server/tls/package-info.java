/** TLS material: the self-signed certificate of the embedded default, and Netty server contexts from PEM files. */
package org.loftmail.server.tls;
