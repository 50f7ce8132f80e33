package interop;

import java.io.Serializable;
import java.util.Date;

/** A class with a date field, for the out-of-range date case. */
public class Event implements Serializable {
    public String name;
    public Date when;

    public Event() { }

    public Event(String name, Date when) { this.name = name; this.when = when; }
}
