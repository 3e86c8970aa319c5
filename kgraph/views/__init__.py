"""What is made from a graph: the networkx projection, the HTML viewer and the exports."""
