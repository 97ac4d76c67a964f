/** Loft's core: the mail model, MIME summaries, the mail-store API and the SPIs storage implements. */
package org.loftmail.core;
