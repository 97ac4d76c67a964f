/** The {@code loft} command line: {@code run} and the {@code admin} subcommands (like doveadm). */
package org.loftmail.server.cli;
