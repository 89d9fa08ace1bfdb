package org.seiswatch.alerts.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.testing.SharedData;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class QuakeMlFormatTest {
  private static Schema schema;

  private final QuakeMlFormat format = new QuakeMlFormat();

  @BeforeAll
  static void loadSchema() throws Exception {
    Path xsd = SharedData.require("schemas/QuakeML-1.2.xsd");
    // The root schema imports QuakeML-BED-1.2.xsd by a path relative to its own location.
    schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(new StreamSource(xsd.toFile()));
  }

  private static void validate(byte[] xml) throws Exception {
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static String xpath(Document doc, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
  }

  private static int count(Document doc, String expression) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    return ((NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET)).getLength();
  }

  private final List<Detection> versions =
      List.of(
          FormatFixtures.full(1, DetectionType.NEW, 4),
          FormatFixtures.full(2, DetectionType.UPDATE, 6),
          FormatFixtures.full(3, DetectionType.FINAL, 6));

  @Test
  void shouldValidateAgainstQuakeMl12SchemaWhenEveryVersionIsWritten() throws Exception {
    validate(format.writeVersions(versions, FormatFixtures.CONTEXT));
  }

  @Test
  void shouldWriteAValidMagnitudeAndPreferItWhenVersionsHaveMagnitudes() throws Exception {
    byte[] xml =
        format.writeVersions(
            List.of(
                FormatFixtures.full(1, DetectionType.NEW, 4),
                FormatFixtures.withMagnitude(2, DetectionType.UPDATE, 6),
                FormatFixtures.withMagnitude(3, DetectionType.FINAL, 6)),
            FormatFixtures.CONTEXT);
    validate(xml);
    Document doc = parse(xml);
    assertEquals(2, count(doc, "//event/magnitude"));
    assertEquals(
        "smi:org.seiswatch/magnitude/sw201904140309023/3",
        xpath(doc, "//event/preferredMagnitudeID"));
    assertEquals("4.61", xpath(doc, "//event/magnitude[2]/mag/value"));
    assertEquals("0.24", xpath(doc, "//event/magnitude[2]/mag/uncertainty"));
    assertEquals("ML", xpath(doc, "//event/magnitude[2]/type"));
    assertEquals("4", xpath(doc, "//event/magnitude[2]/stationCount"));
    assertEquals(
        "smi:org.seiswatch/origin/sw201904140309023/3",
        xpath(doc, "//event/magnitude[2]/originID"));
    assertThat(xpath(doc, "//event/magnitude[2]/comment/text")).contains("clipped");
  }

  @Test
  void shouldValidateWhenEventListWithRetractionIsWritten() throws Exception {
    validate(
        format.writeEvents(
            List.of(FormatFixtures.full(2, DetectionType.UPDATE, 6), FormatFixtures.retract(3)),
            FormatFixtures.CONTEXT));
  }

  @Test
  void shouldWriteOneOriginPerVersionAndEachPickOnceWhenVersionsAreWritten() throws Exception {
    Document doc = parse(format.writeVersions(versions, FormatFixtures.CONTEXT));

    assertEquals(1, count(doc, "//event"));
    assertEquals(3, count(doc, "//event/origin"));
    assertEquals(6, count(doc, "//event/pick"));
    assertEquals(
        "smi:org.seiswatch/origin/sw201904140309023/3", xpath(doc, "//event/preferredOriginID"));
    assertEquals("12900.0", xpath(doc, "//origin[3]/depth/value"));
    assertEquals("3750.0", xpath(doc, "//origin[3]/depth/uncertainty"));
    assertEquals("0.125", xpath(doc, "//origin[3]/time/uncertainty"));
    assertEquals("2019-04-14T03:09:02.310Z", xpath(doc, "//origin[3]/time/value"));
    assertEquals("0.34", xpath(doc, "//origin[3]/quality/standardError"));
    assertEquals("97.5", xpath(doc, "//origin[3]/quality/azimuthalGap"));
    assertEquals("6", xpath(doc, "//origin[3]/quality/usedPhaseCount"));
    assertEquals("final", xpath(doc, "//origin[3]/evaluationStatus"));
    assertEquals(6, count(doc, "//origin[3]/arrival"));
  }

  @Test
  void shouldReferenceExistingPickFromEveryArrivalWhenWritten() throws Exception {
    Document doc = parse(format.writeVersions(versions, FormatFixtures.CONTEXT));

    NodeList pickIds =
        (NodeList)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate("//arrival/pickID", doc, XPathConstants.NODESET);
    assertEquals(16, pickIds.getLength());
    for (int i = 0; i < pickIds.getLength(); i++) {
      String id = pickIds.item(i).getTextContent();
      assertEquals(1, count(doc, "//pick[@publicID='" + id + "']"), id);
    }
    assertEquals("HV", xpath(doc, "//pick[1]/waveformID/@networkCode"));
    assertEquals("HHZ", xpath(doc, "//pick[1]/waveformID/@channelCode"));
  }

  @Test
  void shouldFailValidationWhenPublicIdIsNoSmiUri() throws Exception {
    String xml =
        new String(format.writeVersions(versions, FormatFixtures.CONTEXT), StandardCharsets.UTF_8)
            .replace("smi:org.seiswatch/event/", "urn:event:");

    assertThatThrownBy(() -> validate(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SAXException.class)
        .hasMessageContaining("urn:event:");
  }

  @Test
  void shouldEscapeCharactersQuakeMlForbidsWhenIdHasThem() {
    assertEquals(
        "smi:org.seiswatch/pick/HV.AHUD~3A~7EP_1", QuakeMlFormat.SmiIds.of("pick", "HV.AHUD:~P_1"));
    assertThat(QuakeMlFormat.SmiIds.of("pick", "a b")).isEqualTo("smi:org.seiswatch/pick/a~20b");
  }
}
