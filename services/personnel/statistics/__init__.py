"""Officer, certificate, training and equipment statistics (表五 持证率; issue 14)."""
