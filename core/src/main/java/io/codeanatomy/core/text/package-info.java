/**
 * Python-compatible renderings used where the reference's outputs must match byte for byte: {@link
 * io.codeanatomy.core.text.PythonText} ({@code str()}, {@code repr()}, {@code json.dumps},
 * {@code str.strip()}), {@link io.codeanatomy.core.text.FloatDigits} ({@code repr(float)} and
 * msgspec's JSON float) and {@link io.codeanatomy.core.text.Utf8Order} (the UTF-8 byte order the
 * reference sorts keys in). Public so that every module renders these texts the same way.
 */
package io.codeanatomy.core.text;
