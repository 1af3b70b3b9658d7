// svg-to-pdfkit ships no types: the one function dialog calls.
declare module 'svg-to-pdfkit' {
  const svgToPdf: (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Record<string, unknown>) => void;
  export default svgToPdf;
}
