/**
 * POP3 command handlers: one class per state (AUTHORIZATION with its SASL exchanges,
 * TRANSACTION), dispatched by {@link org.loftmail.pop3.command.Pop3Commands}.
 */
package org.loftmail.pop3.command;
