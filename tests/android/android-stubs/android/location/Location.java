package android.location;

public class Location {
  private double latitude;
  private double longitude;
  private float accuracy;
  private boolean hasAccuracy;
  private double altitude;
  private boolean hasAltitude;

  public Location(String provider) {}

  public double getLatitude() {
    return latitude;
  }

  public void setLatitude(double latitude) {
    this.latitude = latitude;
  }

  public double getLongitude() {
    return longitude;
  }

  public void setLongitude(double longitude) {
    this.longitude = longitude;
  }

  public boolean hasAccuracy() {
    return hasAccuracy;
  }

  public float getAccuracy() {
    return accuracy;
  }

  public void setAccuracy(float accuracy) {
    this.accuracy = accuracy;
    this.hasAccuracy = true;
  }

  public boolean hasAltitude() {
    return hasAltitude;
  }

  public double getAltitude() {
    return altitude;
  }

  public void setAltitude(double altitude) {
    this.altitude = altitude;
    this.hasAltitude = true;
  }
}
