package io.coursegen.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * storage-service owns the whole course document, so its capabilities share one collection; what keeps them apart
 * is this: no cycle between capability packages, the document's own package depends on none of them, and the
 * HTTP adapters are leaves nobody else reaches into. Fails the build ({@code ./mvnw verify}) when a change
 * breaks one of them.
 */
class PackageBoundariesTest {

    private static final String ROOT = "io.coursegen.storage";
    private static final JavaClasses STORAGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void capabilityPackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(STORAGE);
    }

    @Test
    void theCourseDocumentDependsOnNoCapability() {
        noClasses().that().resideInAPackage(ROOT + ".course..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".admission..", ROOT + ".api..",
                        ROOT + ".assembly..", ROOT + ".cancellation..", ROOT + ".editing..", ROOT + ".export..", ROOT + ".idempotency..",
                        ROOT + ".intake..", ROOT + ".metrics..", ROOT + ".regeneration..", ROOT + ".tenants..",
                        ROOT + ".webhooks..")
                .check(STORAGE);
    }

    @Test
    void onlyTheHttpAdaptersAnswerRequests() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().resideInAnyPackage(ROOT + ".api..", ROOT + ".intake..", ROOT + ".slots..", ROOT + ".tenants..",
                        ROOT + ".webhooks..")
                .check(STORAGE);
    }

    @Test
    void exportsArePureFunctionsOfACourseAndItsPictures() {
        noClasses().that().resideInAPackage(ROOT + ".export..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".admission..", ROOT + ".assembly..",
                        ROOT + ".cancellation..", ROOT + ".editing..", ROOT + ".idempotency..", ROOT + ".intake..",
                        ROOT + ".regeneration..",
                        ROOT + ".webhooks..", "org.springframework.kafka..", "org.springframework.data.mongodb..")
                .check(STORAGE);
    }

    @Test
    void noCapabilityReachesIntoTheHttpAdapters() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".intake..", ROOT + ".webhooks..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .check(STORAGE);
    }
}
