"""Amazon EKS on AWS Fargate: one compute option, everything about it in this folder (see docs/architecture.md)."""
