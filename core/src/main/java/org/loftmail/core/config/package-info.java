/**
 * What every reader of Dovecot-syntax files shares ({@code loft.conf}, {@code dovecot-sql.conf.ext},
 * {@code dovecot-oauth2.conf.ext}): the lexical rules, so the files read the same everywhere.
 */
package org.loftmail.core.config;
