"""Golden Thread: check a road map's YAML data and publish it as a plain-language site."""
