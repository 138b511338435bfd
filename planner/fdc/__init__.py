"""USDA FoodData Central: pure request building and parsing (protocol), settings, and the
one module that does network I/O (client)."""
