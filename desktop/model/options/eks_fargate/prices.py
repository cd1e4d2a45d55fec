"""Amazon EKS on AWS Fargate's section of the price book: what the book lacks for it, and its AWS Price List rows.

The cluster fee is in the AmazonEKS offer, usage type `<region prefix>-AmazonEKS-Hours:perCluster` (standard
support), per hour. The extended-support row (`AmazonEKS-Hours:extendedSupport`) is read but not written: whether its
price is AWS's $0.60 total or the surcharge above the standard fee was not confirmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import BookSection, PriceListRow

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook

FEE = "EKS cluster fee"


def missing(book: PriceBook, region: str) -> list[str]:
    section = book.regions[region].eks_fargate
    found = []
    if section is None or section.cluster_hour is None:
        found.append(FEE)
    if section is None or section.cluster_hour_extended is None:
        found.append(f"{FEE} in extended support")
    return found


ROWS = (
    PriceListRow("AmazonEKS", "AmazonEKS-Hours:perCluster", ("eks", "cluster_hour"), "hours",
                 ("eks_fargate", "cluster_hour"), "hour"),
    PriceListRow("AmazonEKS", "AmazonEKS-Hours:extendedSupport", ("eks", "cluster_hour_extended"), "hours", None),
)

BOOK = BookSection("eks_fargate", "EKS", missing,
                   {"cluster_hour": "cluster-hour", "cluster_hour_extended": "cluster-hour in extended support"}, ROWS)
