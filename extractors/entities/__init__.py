"""Entity tagging: a rule-based spaCy pipeline over curated vocabularies."""
