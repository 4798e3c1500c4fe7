"""Programme services (the only writers of programme data), one module per step of the OCOP cycle."""
