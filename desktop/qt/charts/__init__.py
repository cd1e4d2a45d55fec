"""pyqtgraph charts that render from an Advice (import the chart modules only once a QApplication exists)."""

from desktop.startup import lazy_pyqtgraph_mirrors

lazy_pyqtgraph_mirrors()  # before any chart module imports pyqtgraph: its copy of Qt's classes made lazy
