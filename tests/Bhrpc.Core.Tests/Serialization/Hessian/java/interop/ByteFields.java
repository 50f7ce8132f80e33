package interop;

import java.io.Serializable;

/** Java fields for a .NET byte property: a short keeps 0..255, a byte keeps only the low 8 bits (Java's own narrowing). */
public class ByteFields implements Serializable {
    public byte small;
    public short wide;
}
