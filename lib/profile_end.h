/*
 * The end of a built-in profile's object: lib/profiles.def includes this
 * after each entry. In profile.c's pass that makes the objects
 * (CERTFIT_PROFILE_OBJECTS_), the entry has opened the object up to its
 * severities; here come every rule's severity from the rule table
 * (profile.c's CERTFIT_RULE_ROW) and the object's end. Other passes over
 * profiles.def get nothing. No include guard: it is included once per entry.
 */
#ifdef CERTFIT_PROFILE_OBJECTS_
#include "certfit/rules.def"
}};
#endif
