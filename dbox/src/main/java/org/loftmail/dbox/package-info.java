/** dbox: append-only message files with enough metadata to rebuild the index from them alone. */
package org.loftmail.dbox;
