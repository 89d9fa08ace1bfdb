package org.seiswatch.alerts.format.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin, unchecked wrapper of the JDK's {@link XMLStreamWriter} writing UTF-8 into memory: writing
 * to a byte array cannot fail for I/O reasons, so a {@link XMLStreamException} is a bug.
 */
public final class XmlOut {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final XMLStreamWriter writer;

  public XmlOut() {
    try {
      writer = FACTORY.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
      writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot start an XML document", e);
    }
  }

  /** Opens an element; namespaces are declared with {@link #namespace} right after. */
  public XmlOut start(String name) {
    return run(() -> writer.writeStartElement(name));
  }

  public XmlOut namespace(String prefix, String uri) {
    return run(
        () -> {
          if (prefix.isEmpty()) {
            writer.writeDefaultNamespace(uri);
          } else {
            writer.writeNamespace(prefix, uri);
          }
        });
  }

  public XmlOut attribute(String name, String value) {
    return run(() -> writer.writeAttribute(name, value));
  }

  public XmlOut end() {
    return run(writer::writeEndElement);
  }

  /** {@code <name>text</name>}; nothing if the value is null. */
  public XmlOut element(String name, Object value) {
    if (value == null) {
      return this;
    }
    return run(
        () -> {
          writer.writeStartElement(name);
          writer.writeCharacters(value.toString());
          writer.writeEndElement();
        });
  }

  /** Closes every open element and returns the document. */
  public byte[] finish() {
    run(
        () -> {
          writer.writeEndDocument();
          writer.close();
        });
    return bytes.toByteArray();
  }

  private XmlOut run(XmlAction action) {
    try {
      action.run();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    return this;
  }

  @FunctionalInterface
  private interface XmlAction {
    void run() throws XMLStreamException;
  }
}
