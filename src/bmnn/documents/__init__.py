"""Pure renderers for registers and forms: data in, bytes out (PDF, DOCX, XLSX). No Django, no models.

Public API
----------
bmnn.documents.administrative
    AdminDocument          an administrative document (Decree 30/2020 layout): superior body, agency, number,
                           place and date, kind line ("KẾ HOẠCH"), title, body blocks, "Nơi nhận", signer,
                           optional red secrecy stamp (ô 10a, Form 19 position), "Bản sao số".
    Heading, Paragraph, Table, Signatures, Signer, PageBreak
                           the body blocks.
    render_pdf(doc) -> bytes, render_docx(doc) -> bytes
    render_pdf_bundle(docs), render_docx_bundle(docs)
                           several documents in one file (a dossier), each with its own page numbers.
bmnn.documents.registers   register books (cover page + numbered pages) to PDF, DOCX and XLSX.
bmnn.documents.book        the data of a register book (Column, Cover, RegisterBook), shared by its renderers.
bmnn.documents.model       the data of an administrative document, shared by its renderers.
bmnn.documents.labels      envelope labels and copy marks ("Bản sao số", "BẢN SAO BMNN") as printable PDF/DOCX.
bmnn.documents.text        Vietnamese wording helpers: place_date, vn_date, number_line, stamp_text.
bmnn.documents.errors      RenderError, FontMissing (Vietnamese messages).

PDF output uses Liberation Serif (metric-compatible with Times New Roman; Debian package fonts-liberation2),
found in the usual font directories or in the directory named by the environment variable BMNN_FONT_DIR.
DOCX output names Times New Roman. Every secrecy mark prints in red (R43).
"""
