package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.jsoup.Jsoup;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A SCORM 1.2 package read the way an LMS imports one, failing on anything an import would trip over: the manifest
 * at the root, parsed namespace-aware (IMS CP 1.1.2 and ADL CP 1.2 namespaces), the SCORM 1.2 metadata, a default
 * organization that exists, unique identifiers that are valid {@code xs:ID}s, every item's {@code identifierref}
 * and every dependency resolving to a resource, SCOs with a launch {@code href}, every {@code href} and
 * {@code <file>} present in the zip, no file in the zip that no resource lists, and every file a SCO page loads
 * (pictures, script, stylesheet) listed under that SCO or a resource it depends on. It does not validate against the
 * ADL XSDs, which no artifact on Maven Central ships.
 */
public final class ScormPackage {

    public static final String IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    public static final String ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
    private static final Pattern XS_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    /** One launchable lesson, in organization order. */
    public record Sco(String itemIdentifier, String title, String href, Integer masteryScore, Set<String> files) {
    }

    private final Map<String, byte[]> entries;
    private final List<Sco> scos;

    private ScormPackage(Map<String, byte[]> entries, List<Sco> scos) {
        this.entries = entries;
        this.scos = scos;
    }

    public List<Sco> scos() {
        return scos;
    }

    public Map<String, byte[]> entries() {
        return entries;
    }

    public String text(String path) {
        assertThat(entries).containsKey(path);
        return new String(entries.get(path), StandardCharsets.UTF_8);
    }

    public static ScormPackage read(byte[] zip) {
        Map<String, byte[]> entries = Zips.unzip(zip);
        assertThat(entries).as("manifest at the package root").containsKey("imsmanifest.xml");
        entries.keySet().forEach(ScormPackage::assertRelativePath);
        validateAgainstTheScorm12Schemas(entries.get("imsmanifest.xml"));
        Element manifest = parse(entries.get("imsmanifest.xml")).getDocumentElement();
        assertThat(manifest.getNamespaceURI()).isEqualTo(IMSCP);
        assertThat(manifest.getLocalName()).isEqualTo("manifest");

        Element metadata = only(manifest, "metadata");
        assertThat(only(metadata, "schema").getTextContent().strip()).isEqualTo("ADL SCORM");
        assertThat(only(metadata, "schemaversion").getTextContent().strip()).isEqualTo("1.2");

        List<Element> identified = new ArrayList<>(List.of(manifest));
        Element organizations = only(manifest, "organizations");
        List<Element> organizationList = children(organizations, "organization");
        Element resourcesElement = only(manifest, "resources");
        List<Element> resources = children(resourcesElement, "resource");
        identified.addAll(organizationList);
        identified.addAll(resources);
        organizationList.forEach(organization -> identified.addAll(descendants(organization, "item")));
        Set<String> identifiers = new HashSet<>();
        for (Element element : identified) {
            String identifier = element.getAttribute("identifier");
            assertThat(identifier).as("identifier of <%s>", element.getLocalName()).matches(XS_ID);
            assertThat(identifiers.add(identifier)).as("identifier %s is unique", identifier).isTrue();
        }

        Map<String, Element> resourcesById = new HashMap<>();
        resources.forEach(resource -> resourcesById.put(resource.getAttribute("identifier"), resource));
        Set<String> listedFiles = new HashSet<>();
        for (Element resource : resources) {
            assertThat(resource.getAttribute("type")).isEqualTo("webcontent");
            assertThat(resource.getAttributeNS(ADLCP, "scormtype")).isIn("sco", "asset");
            Set<String> files = fileHrefs(resource);
            files.forEach(file -> assertThat(entries).as("<file href=%s> is in the zip", file).containsKey(file));
            listedFiles.addAll(files);
            String href = resource.getAttribute("href");
            if (!href.isEmpty()) {
                assertThat(entries).as("resource href %s is in the zip", href).containsKey(href);
                assertThat(files).as("resource href %s is one of its files", href).contains(href);
            }
            for (Element dependency : children(resource, "dependency")) {
                assertThat(resourcesById).as("dependency %s resolves", dependency.getAttribute("identifierref"))
                        .containsKey(dependency.getAttribute("identifierref"));
            }
        }
        Set<String> unlisted = new HashSet<>(entries.keySet());
        unlisted.remove("imsmanifest.xml");
        unlisted.removeAll(listedFiles);
        assertThat(unlisted).as("files in the zip that no resource lists").isEmpty();

        String defaultOrganization = organizations.getAttribute("default");
        Element organization = organizationList.stream()
                .filter(candidate -> candidate.getAttribute("identifier").equals(defaultOrganization))
                .findFirst().orElseThrow(() -> new AssertionError("default organization " + defaultOrganization));
        assertThat(only(organization, "title").getTextContent()).isNotBlank();

        List<Sco> scos = new ArrayList<>();
        for (Element item : descendants(organization, "item")) {
            String ref = item.getAttribute("identifierref");
            if (ref.isEmpty()) {
                continue;
            }
            Element resource = resourcesById.get(ref);
            assertThat(resource).as("item %s's identifierref %s resolves", item.getAttribute("identifier"), ref)
                    .isNotNull();
            assertThat(resource.getAttributeNS(ADLCP, "scormtype")).isEqualTo("sco");
            assertThat(resource.getAttribute("href")).as("launch href of %s", ref).isNotEmpty();
            Set<String> reachable = new LinkedHashSet<>(fileHrefs(resource));
            children(resource, "dependency").forEach(dependency ->
                    reachable.addAll(fileHrefs(resourcesById.get(dependency.getAttribute("identifierref")))));
            assertPageLoadsOnlyListedFiles(resource.getAttribute("href"), entries, reachable);
            List<Element> mastery = childrenNS(item, ADLCP, "masteryscore");
            Integer masteryScore = mastery.isEmpty() ? null : Integer.valueOf(mastery.get(0).getTextContent().strip());
            if (masteryScore != null) {
                assertThat(masteryScore).isBetween(0, 100);
            }
            scos.add(new Sco(item.getAttribute("identifier"), only(item, "title").getTextContent(),
                    resource.getAttribute("href"), masteryScore, reachable));
        }
        return new ScormPackage(entries, scos);
    }

    private static void assertPageLoadsOnlyListedFiles(String href, Map<String, byte[]> entries, Set<String> listed) {
        org.jsoup.nodes.Document page = Jsoup.parse(new String(entries.get(href), StandardCharsets.UTF_8));
        List<String> loaded = new ArrayList<>();
        page.select("img[src], script[src]").forEach(element -> loaded.add(element.attr("src")));
        page.select("link[href]").forEach(element -> loaded.add(element.attr("href")));
        for (String path : loaded) {
            assertThat(listed).as("%s loads %s, which its resource lists", href, path).contains(path);
            assertThat(entries).containsKey(path);
        }
    }

    private static void assertRelativePath(String path) {
        assertThat(path).doesNotStartWith("/").doesNotContain("\\").doesNotContain("..");
    }

    /** The manifest against ADL's SCORM 1.2 schemas (IMS CP 1.1.2 plus the adlcp extension); see scorm12-xsd/README.md. */
    static void validateAgainstTheScorm12Schemas(byte[] manifest) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Schema schema = factory.newSchema(new Source[] {schemaSource("imscp_rootv1p1p2.xsd"),
                    schemaSource("adlcp_rootv1p2.xsd")});
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(manifest)));
        } catch (SAXException invalid) {
            throw new AssertionError("imsmanifest.xml is not valid under the SCORM 1.2 schemas: " + invalid.getMessage(), invalid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source schemaSource(String file) {
        URL url = ScormPackage.class.getResource("/scorm12-xsd/" + file);
        assertThat(url).as("schema " + file).isNotNull();
        return new StreamSource(url.toExternalForm());
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("imsmanifest.xml is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static Set<String> fileHrefs(Element resource) {
        Set<String> files = new LinkedHashSet<>();
        children(resource, "file").forEach(file -> files.add(file.getAttribute("href")));
        return files;
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("one <%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        return childrenNS(parent, IMSCP, name);
    }

    private static List<Element> childrenNS(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(IMSCP, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
