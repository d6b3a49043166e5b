/**
 * Validation of tables, executed by the engine (reference: {@code validation/violations.py},
 * {@code schema/validation.py}, {@code schema/contracts.py}, the constraint helpers of {@code schema_spec}).
 *
 * <p>One {@link io.codeanatomy.validation.ValidationViolation} type serves every context; each
 * context keeps its own report:
 * <ul>
 *   <li>{@link io.codeanatomy.validation.SchemaValidator#validateTable} checks data against a
 *       {@link io.codeanatomy.validation.TableSchemaSpec} and returns a
 *       {@link io.codeanatomy.validation.SchemaValidationReport} with the aligned data;</li>
 *   <li>{@link io.codeanatomy.validation.SchemaContract} checks Arrow schemas and the engine's
 *       catalog ({@link io.codeanatomy.validation.IntrospectionSnapshot}); a
 *       {@link io.codeanatomy.validation.ContractRegistry} holds many;</li>
 *   <li>{@link io.codeanatomy.validation.ConstraintValidator} checks
 *       {@link io.codeanatomy.validation.TableConstraints} and returns a
 *       {@link io.codeanatomy.validation.ConstraintValidationReport}.</li>
 * </ul>
 * Both reports render the reference's error and statistics tables. Counting is done in the engine
 * with conditional aggregates and grouped passes; no row is visited in Java except the few
 * sampled for a broken constraint.
 */
package io.codeanatomy.validation;
