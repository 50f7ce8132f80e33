package interop;

public enum Color { RED, GREEN, BLUE }
