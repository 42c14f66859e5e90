"""Golden Thread: check a road map's YAML data and publish it as a plain-language site."""

# The model is imported first so that its later kinds (goldenthread.read.staff_models, which
# builds on it) can be imported on their own without a circular import.
from goldenthread.read import models as _models  # noqa: F401
