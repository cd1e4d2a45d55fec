"""pyqtgraph charts that render from an Advice (import the chart modules only once a QApplication exists)."""
