/**
 * Command handlers: {@link org.loftmail.imap.command.ImapCommands} checks the state a command
 * needs and hands it to the handler of its family, which calls the store and writes responses
 * through the session.
 */
package org.loftmail.imap.command;
