package io.github.kswordcount.localkafka;

/** The two ports of one combined broker+controller node. */
record NodePorts(int broker, int controller) {
}
