package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link Telegate#collect} captured. Immutable. */
public final class CollectionReport {
  /** One event queued for storage: its name and its fields, values as text, in order. */
  public static final class Event {
    public final String name;
    public final Map<String, String> fields;

    Event(String name, Map<String, String> fields) {
      this.name = name;
      this.fields = Collections.unmodifiableMap(fields);
    }
  }

  public final String category;
  public final List<Event> events;
  /** Problems with the platform's input in this run. */
  public final List<String> warnings;

  private CollectionReport(String category, List<Event> events, List<String> warnings) {
    this.category = category;
    this.events = Collections.unmodifiableList(events);
    this.warnings = Collections.unmodifiableList(warnings);
  }

  /** Decodes a telegate.android.proto.CollectionReport. */
  static CollectionReport decode(byte[] bytes) {
    String category = "";
    List<Event> events = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      switch (r.field()) {
        case 1:
          category = r.readString();
          break;
        case 2:
          events.add(decodeEvent(r.readMessage()));
          break;
        case 3:
          warnings.add(r.readString());
          break;
        default:
          r.skip();
      }
    }
    return new CollectionReport(category, events, warnings);
  }

  private static Event decodeEvent(ProtoReader r) {
    String name = "";
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    while (r.next()) {
      switch (r.field()) {
        case 1:
          name = r.readString();
          break;
        case 2:
          keys.add(r.readString());
          break;
        case 3:
          values.add(r.readString());
          break;
        default:
          r.skip();
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keys.size() && i < values.size(); ++i) {
      fields.put(keys.get(i), values.get(i));
    }
    return new Event(name, fields);
  }
}
