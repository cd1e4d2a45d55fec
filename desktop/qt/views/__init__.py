"""Views that render from an Advice: comparison table, recommendation, status bar, price book dialog."""
