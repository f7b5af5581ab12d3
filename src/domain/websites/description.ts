/** The 网站简介 template from the procedure, with 某某单位 replaced by the unit's name. */
export const websiteDescriptionTemplate = (unitName: string): string =>
  `本网站由${unitName}主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。`;
