# The tutorial's project: the smallest Sphinx project that uses sphinx-neuron-policy.
project = "Example SDK"
extensions = ["neuron_policy"]
neuron_policy_data = "policy_data"  # the default, written out; relative to this file
# Pinned so that the output shown in the tutorial never changes. Real docs leave it unset.
neuron_policy_today = "2026-01-15"
exclude_patterns = ["_build"]
