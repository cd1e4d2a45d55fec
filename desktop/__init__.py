"""ComputeFit: should this workload run on AWS Lambda, ECS on Fargate or ECS on EC2, and at what cost?"""

__version__ = "0.1.0"
