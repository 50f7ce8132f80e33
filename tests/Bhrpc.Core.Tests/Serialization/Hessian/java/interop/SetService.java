package interop;

import java.util.Set;

/** A Java service method that takes a Set, invoked by reflection as Java bhrpc's provider does. */
public class SetService {
    public String take(Set<String> values) { return values.getClass().getName() + values.size(); }
}
