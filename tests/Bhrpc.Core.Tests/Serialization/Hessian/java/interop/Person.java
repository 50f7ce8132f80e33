package interop;

import java.io.Serializable;
import java.util.Objects;

public class Person implements Serializable {
    public String name;
    public int age;
    public Person friend;
    public Person() { }
    public Person(String name, int age, Person friend) { this.name = name; this.age = age; this.friend = friend; }
    @Override public boolean equals(Object o) {
        if (!(o instanceof Person)) return false;
        Person p = (Person) o;
        return Objects.equals(name, p.name) && age == p.age && Objects.equals(friend, p.friend);
    }
    @Override public int hashCode() { return Objects.hash(name, age); }
    @Override public String toString() { return "Person(" + name + "," + age + "," + friend + ")"; }
}
