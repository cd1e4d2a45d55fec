"""Ship the top-level resources/ folder inside the package, as desktop/_resources (sdist and wheel).

Everything else about the project is declared in pyproject.toml. Only this mapping needs code: pyproject's
`packages.find` cannot add a package whose files live outside desktop/. desktop/resources.py finds the folder
as desktop/_resources when installed from a wheel, and as resources/ beside the package in a checkout or an
editable install (which this mapping leaves alone). Each folder under resources/ is listed as a data-only
package so that setuptools ships its files without warning.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCE_PACKAGES = ["desktop._resources",
                     *(f"desktop._resources.{name}" for name in find_namespace_packages(where="resources"))]

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), *RESOURCE_PACKAGES],
    package_dir={"desktop._resources": "resources"},
    package_data={name: ["*"] for name in RESOURCE_PACKAGES},
)
