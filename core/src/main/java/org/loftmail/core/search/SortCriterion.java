package org.loftmail.core.search;

/** RFC 5256 and RFC 5957 sort criteria the index keeps ordered keys for. */
public enum SortCriterion { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }
