package io.telegate;

/**
 * A collector batches may be uploaded to ({@link Telegate#setEndpoints}). Only https URLs are
 * accepted, except http to a literal loopback address for tests.
 */
public final class Endpoint {
  public final String url;
  /** ISO 3166 alpha-2 region the endpoint stores data in, upper case ("CN"). */
  public final String region;
  /** An advertising or analytics partner rather than the app's own service. */
  public final boolean partner;

  public Endpoint(String url, String region, boolean partner) {
    if (url == null || region == null) throw new IllegalArgumentException("null url or region");
    this.url = url;
    this.region = region;
    this.partner = partner;
  }

  public Endpoint(String url, String region) {
    this(url, region, false);
  }
}
