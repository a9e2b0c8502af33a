package dev.orderflow.bench;

/** What one part of the system does alone on this machine; {@code perSecond} is 0 when it could not be measured. */
record Ceiling(String part, String measured, double perSecond, String unit, String detail) {

    boolean measuredOk() {
        return perSecond > 0;
    }

    static Ceiling failed(String part, String measured, String why) {
        return new Ceiling(part, measured, 0, "", "not measured: " + why);
    }
}
