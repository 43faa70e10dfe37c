/* Place holder for machine-specific param.h.  */
