"""Signed-graph analytics over the actor network: camps, structural balance and their evidence.

Every function takes a kgraph graph (an rdflib Graph or Dataset) or its networkx projection
(:func:`kgraph.views.network.to_networkx`), never changes it, and returns frozen values whose
items carry the statement IRIs of their evidence. :mod:`kgraph.analysis.signed` holds the
signed view of a time window that the others read.
"""
