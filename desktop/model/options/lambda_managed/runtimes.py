"""Lambda Managed Instances' requests per vCPU by runtime, plain (no pydantic): read by the option's code, its
questions and its workload section."""

from __future__ import annotations

# Requests per vCPU an environment serves by default: Node.js from AWS's Node.js runtime page (A); Python, Java
# and .NET from edjgeek.com/blog/lambda-managed-instances (C). No default was found for Rust or an unknown runtime:
# they take the lowest documented one (Python's).
PER_VCPU_DEFAULT = {"nodejs": 64, "python": 16, "java": 32, "dotnet": 32}
LOWEST_PER_VCPU = 16
